/** Input the KPI engine cannot compute from: a bad as-of date, window, or call order. */
export class KpiInputError extends Error {
  override name = 'KpiInputError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

export function isKpiInputError(error: unknown): error is KpiInputError {
  return error instanceof KpiInputError;
}
