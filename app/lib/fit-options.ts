/** How the designer fits the view to a design: the canvas's first view, F, and the menus. */
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 } as const;
