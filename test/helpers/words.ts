/** The element's English words as it calls them (sentences as functions of their named values), for tests to compare with. */
import { compile } from '../../src/element/strings.js';

export const ENGLISH = compile(['en', {}], {}, 'en');
