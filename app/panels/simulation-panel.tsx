export function SimulationPanel() {
  return <div className="panel-empty">Pick a site to simulate its loss.</div>;
}
