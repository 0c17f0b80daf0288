import { canonicalJson } from './canonical-json.ts';
import { FusedLstmBank } from './fused-lstm-bank.ts';
import { FusedLstmStreamBank } from './fused-stream-bank.ts';
import { FusedTransformerBank } from './fused-transformer-bank.ts';
import { FusedTransformerStreamBank } from './fused-transformer-stream.ts';
import {
  createFusedKernels,
  type FusedKernels,
  fusedKernelsAvailable,
  type NeuralKernelChoice,
} from './fused-kernels.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import { NeuralBank } from './neural-bank.ts';
import { StreamBank } from './stream-bank.ts';

/** Families with a fused kernel. */
const FUSED_KINDS = new Set(['lstm', 'transformer']);

/**
 * Finds the shared bank of a neural configuration: models created with equal configurations
 * (same kind, shapes and training settings) and the same kernel share one bank, hence one
 * batched call per tick. Banks hold plain typed arrays (no tensors), so an unused bank costs only
 * its freed slots. A stateful configuration gets a {@link StreamBank}. `kernel` chooses who
 * computes: `fused` (the WebAssembly kernels), `tfjs`, or `auto` (fused when the kernels load,
 * else tfjs). The fused banks of a registry share one kernel instance and
 * its memory.
 *
 * @example
 * const banks = new BankRegistry();
 * banks.bankFor(createLstmArchitecture(cfg)) === banks.bankFor(createLstmArchitecture(cfg)); // true
 */
export class BankRegistry {
  private readonly banks = new Map<string, NeuralBank>();
  private kernels: FusedKernels | undefined;

  /** @throws {InputError} for `kernel: fused` when the fused kernels cannot load. */
  bankFor(arch: NeuralArchitecture, kernel: NeuralKernelChoice = 'auto'): NeuralBank {
    const fused =
      FUSED_KINDS.has(arch.kind) &&
      (kernel === 'fused' || (kernel === 'auto' && fusedKernelsAvailable()));
    const key = `${fused ? 'fused' : 'tfjs'} ${canonicalJson(arch.config)}`;
    let bank = this.banks.get(key);
    if (bank === undefined) {
      bank = fused ? this.fusedBank(arch) : tfjsBank(arch);
      this.banks.set(key, bank);
    }
    return bank;
  }

  /** Every bank created so far. */
  all(): NeuralBank[] {
    return [...this.banks.values()];
  }

  private fusedBank(arch: NeuralArchitecture): NeuralBank {
    this.kernels ??= createFusedKernels();
    if (arch.kind === 'transformer')
      return arch.stream === undefined
        ? new FusedTransformerBank(arch, this.kernels)
        : new FusedTransformerStreamBank({ ...arch, stream: arch.stream }, this.kernels);
    return arch.stream === undefined
      ? new FusedLstmBank(arch, this.kernels)
      : new FusedLstmStreamBank({ ...arch, stream: arch.stream }, this.kernels);
  }
}

function tfjsBank(arch: NeuralArchitecture): NeuralBank {
  return arch.stream === undefined
    ? new NeuralBank(arch)
    : new StreamBank({ ...arch, stream: arch.stream });
}

/** The registry `createModel` uses unless given another one. */
export const DEFAULT_BANKS = new BankRegistry();
