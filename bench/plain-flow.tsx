/**
 * The browser benchmark's baseline (issue 4): a plain React Flow page, default nodes and
 * edges, fitView, nothing else. The harness puts the graph in localStorage before the
 * page starts (the same way the designer gets its autosaved document), so both pages
 * pay for reading their input; without it the page draws a 25 × 20 grid of 500 nodes.
 */
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

export const PLAIN_FLOW_KEY = 'bench:plain-flow';

interface Graph {
  nodes: Node[];
  edges: Edge[];
}

function gridGraph(count = 500): Graph {
  const cols = 25;
  const nodes: Node[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    position: { x: (i % cols) * 200, y: Math.floor(i / cols) * 100 },
    data: { label: `Node ${i}` },
  }));
  const edges: Edge[] = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
  return { nodes, edges };
}

function readGraph(): Graph {
  try {
    const raw = localStorage.getItem(PLAIN_FLOW_KEY);
    if (raw) {
      const g = JSON.parse(raw) as Graph;
      if (Array.isArray(g.nodes) && Array.isArray(g.edges)) return g;
    }
  } catch {
    /* fall back to the grid */
  }
  return gridGraph();
}

const initial = readGraph();

function PlainFlow() {
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  // minZoom as low as the designer's, so fitView shows the whole graph on both pages.
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} minZoom={0.05} fitView />
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<PlainFlow />);
