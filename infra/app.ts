import { buildApp } from './build-app.ts';

// No env: the stack is environment-agnostic, so synth needs no credentials and makes no lookups.
buildApp().app.synth();
