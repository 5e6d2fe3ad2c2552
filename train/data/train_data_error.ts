/** The token shards cannot be trained on as configured: a message for the user, not a crash. */
export class TrainDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainDataError';
  }
}
