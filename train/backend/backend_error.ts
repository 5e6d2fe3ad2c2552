/** The requested compute backend cannot run here: a message for the user, not a crash. */
export class BackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendError';
  }
}
