// @kami/tool progress: progress reports over kami:mcp/progress@0.1.0 (world kami-tool-mcp).
// Its own module so a tool that never reports progress does not import kami:mcp: esbuild drops this file (and the
// import) from a bundle that doesn't use it, and build.mjs picks the world from what the bundle imports.
import { report as hostReport } from 'kami:mcp/progress@0.1.0';

export const progress = {
  /**
   * Reports how far the call has got; the host forwards it as notifications/progress when the client asked for
   * progress. Never throws: a report the host does not forward (not growing, not finite, too frequent) is dropped.
   */
  report(value, total, message) {
    if (typeof value !== 'number') throw new TypeError('progress.report: value must be a number');
    if (total !== undefined && total !== null && typeof total !== 'number') throw new TypeError('progress.report: total must be a number or undefined');
    if (message !== undefined && message !== null && typeof message !== 'string') throw new TypeError('progress.report: message must be a string or undefined');
    hostReport(value, total ?? undefined, message ?? undefined);
  },
};
