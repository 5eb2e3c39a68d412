/** Runs `fire` once `ms` after the last `call`; `cancel` drops a waiting call. */
export interface Debounced<A> {
  call(arg: A): void;
  cancel(): void;
}

export function debounce<A>(ms: number, fire: (arg: A) => void): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(arg) {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        fire(arg);
      }, ms);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
