import { describe, expect, it } from 'vitest';
import { evmFigures } from '../../functions/kpi/engine/evm.ts';
import { emptyTally } from '../../functions/kpi/engine/project-tally.ts';

describe('evmFigures', () => {
  it('applies the PMBOK formulas to a project behind schedule and over cost', () => {
    // BAC 100 h, PV 50 h, EV 40 h, AC 45 h:
    // SV = 40 − 50 = −10; CV = 40 − 45 = −5; SPI = 40/50 = 0.8; CPI = 40/45 = 0.8889;
    // EAC = BAC/CPI = 100 / 0.8889 = 112.5; ETC = 112.5 − 45 = 67.5; VAC = 100 − 112.5 = −12.5;
    // TCPI = (BAC − EV)/(BAC − AC) = 60/55 = 1.0909.
    const figures = evmFigures({ ...emptyTally(), bac: 100, pv: 50, ev: 40, ac: 45 }, 'EUR');
    expect(figures).toEqual({ bac: 100, pv: 50, ev: 40, ac: 45, sv: -10, cv: -5, spi: 0.8, cpi: 0.8889, eac: 112.5, etc: 67.5, vac: -12.5, tcpi: 1.0909 });
  });

  it('gives null, not infinity, where a divisor is zero', () => {
    // Nothing planned, nothing logged, AC already at BAC: SPI, CPI, EAC, ETC, VAC and TCPI have no value.
    const figures = evmFigures({ ...emptyTally(), bac: 10, pv: 0, ev: 0, ac: 0 }, 'EUR');
    expect(figures).toMatchObject({ spi: null, cpi: null, eac: null, etc: null, vac: null, tcpi: 1 });
    expect(evmFigures({ ...emptyTally(), bac: 10, pv: 10, ev: 5, ac: 12 }, 'EUR').tcpi).toBeNull();
  });
});
