/** Names shared by the session and the one-time localStorage migration (loaded only when there is something to migrate). */
export const LAST_DESIGN_SETTING = 'lastDesign';
/** The keys of the designs autosaved by the localStorage version. */
export const OLD_PREFIX = 'sfb-designer:v1:';
export const OLD_DOC_PREFIX = `${OLD_PREFIX}doc:`;

/** True when the browser still holds designs of the localStorage version. */
export function hasOldDesigns(storage: Pick<Storage, 'key' | 'length'> | undefined): boolean {
  try {
    for (let i = 0; i < (storage?.length ?? 0); i++) if (storage!.key(i)?.startsWith(OLD_DOC_PREFIX)) return true;
  } catch {
    // A storage that cannot be read holds nothing to migrate.
  }
  return false;
}
