import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../functions/contract/forecasts-document.ts';
import { forecastCells } from '../../site/src/lib/forecast-charts.ts';

const base: Forecast = {
  id: 'p', name: 'Checkout', status: 'ok', remaining: 56, weeklyThroughput: [], p50: '2027-01-30', p85: '2027-02-13', p95: '2027-02-20',
  dueOn: null, probabilityByDue: null, distribution: [],
};

describe('the forecast table', () => {
  it('shows open items as a count, and in story points the open points with the unpointed tasks apart', () => {
    expect(forecastCells(base)[1]).toBe('56');
    expect(forecastCells({ ...base, unpointedOpen: 16, unpointedDone: 3, unpointedShare: 0.5926 })[1]).toBe('56 points + 16 unpointed');
  });
});
