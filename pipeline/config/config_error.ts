/** A problem in the pipeline YAML, located at a line and column so the user can go straight to it. */
export interface ConfigProblem {
  line: number;
  col: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.col}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Thrown by a stage while it checks its inputs; `path` points into the stage's options. */
export class OptionError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'OptionError';
  }
}
