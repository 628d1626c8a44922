/** Makes new ids for tasks and agents. */
interface Ids {
  next(): string;
}

export type { Ids };
