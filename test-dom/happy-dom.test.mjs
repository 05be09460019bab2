// @vitest-environment happy-dom
// happy-dom: no attachInternals and no XMLHttpRequest.upload; it has ResizeObserver and
// IntersectionObserver, which are deleted first so that their absence is tested here too.
import { hostSuite } from './host-suite.mjs';

hostSuite('happy-dom', { missing: ['ResizeObserver', 'IntersectionObserver'], s3Put: 'refused' });
