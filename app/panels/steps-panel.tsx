export function StepsPanel() {
  return <div className="panel-empty">The deployment steps appear here.</div>;
}
