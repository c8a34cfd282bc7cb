/** Keeps a long-running process up until SIGINT/SIGTERM, then closes it once (a second signal exits at once). */
export function closeOnSignal(
  close: () => Promise<void>,
  log: (msg: string) => void = () => undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    log(`received ${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
