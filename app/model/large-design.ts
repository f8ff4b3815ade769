/**
 * Above this many nodes a design is large for the designer: the canvas holds only the part
 * of it in and around the view (canvas/fit.ts, canvas-window.ts), and the rules check it in
 * a worker after every change (store/selectors.ts). One number, so that a design the canvas
 * treats as large is checked as one.
 */
export const LARGE_DESIGN_NODES = 500;
