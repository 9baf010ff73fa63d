/**
 * Shannon entropy in bits per character (per code point; 0 for an empty
 * string): the engine's implementation, so rules, filters and the engine's
 * `minEntropy` check measure a value the same way.
 */
export { shannonEntropy } from '../engine/entropy.js';
