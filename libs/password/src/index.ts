export { hashPassword, verifyPassword, decoyPasswordHash } from './password-hash.js';
