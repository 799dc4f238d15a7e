export { createForecastEngine, type ForecastEngineInput } from './engine.ts';
export { defaultForecastSettings, forecastTally, type ForecastSettings } from './forecast.ts';
export { simulateCompletion, weeksAtConfidence, probabilityWithin } from './monte-carlo.ts';
