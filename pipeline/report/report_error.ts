/** A request `stats` or `inspect` cannot answer (unknown stage, bad filter): a message, not a stack. */
export class ReportError extends Error {
  override name = 'ReportError';
}
