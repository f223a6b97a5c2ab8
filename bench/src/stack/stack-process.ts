/** A process of a stack, named by its role, for CPU and memory accounting. */
export interface StackProcess {
  readonly component: string;
  readonly pid: number;
}
