/** Progress on a terminal (stage, elapsed); quiet in a pipe or under CI. Writes to stderr only. */
export function makeProgress(enabled = Boolean(process.stderr.isTTY) && !process.env.CI) {
  const start = Date.now();
  return (stage: string) => {
    if (!enabled) return;
    const s = ((Date.now() - start) / 1000).toFixed(1);
    process.stderr.write(`\r\x1b[K[${s}s] ${stage}…`);
  };
}

export function endProgress(enabled = Boolean(process.stderr.isTTY) && !process.env.CI) {
  if (enabled) process.stderr.write('\r\x1b[K');
}
