/** Client-side hint only; the server's password policy decides (its 422 message is shown). */
export const MIN_PASSWORD = 8;
