export { createForecastEngine, type ForecastEngineInput } from './engine.ts';
export { defaultForecastSettings, forecastProject, type ForecastSettings } from './forecast.ts';
export { simulateCompletion, weeksAtConfidence, probabilityWithin } from './monte-carlo.ts';
