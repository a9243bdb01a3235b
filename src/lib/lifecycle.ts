// Where this process is in its life, for the readiness probe: a draining instance (SIGTERM
// received) says "not ready" so that load balancers which poll /readyz stop sending it work while
// it finishes what it has.
let draining = false;

export function markDraining(): void {
  draining = true;
}

export function isDraining(): boolean {
  return draining;
}
