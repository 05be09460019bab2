// @vitest-environment jsdom
// jsdom: ElementInternals without form methods, no ResizeObserver or IntersectionObserver.
import { hostSuite } from './host-suite.mjs';

hostSuite('jsdom');
