// @vitest-environment jsdom
// @vitest-environment-options { "pretendToBeVisual": false }
// jsdom as `new JSDOM()` makes it (Vitest and Jest pass pretendToBeVisual: true): no
// requestAnimationFrame either, so renders after the first are paced by a timeout alone.
import { hostSuite } from './host-suite.mjs';

hostSuite('jsdom without requestAnimationFrame', { missing: ['requestAnimationFrame'] });
