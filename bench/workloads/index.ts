/** Every workload, in the order of the issue. */
import type { Workload } from '../harness.ts'
import { awkWorkload } from './awk.ts'
import { bootWorkload } from './boot.ts'
import { builtinsWorkload } from './builtins.ts'
import { directoryWorkload } from './directory.ts'
import { hostFindWorkload, hostGrepWorkload } from './hostdir.ts'
import { memoryWorkload } from './memory.ts'
import { namespaceWorkload } from './namespace.ts'
import { ninepWorkload } from './ninep.ts'
import { pipelineWorkload } from './pipeline.ts'
import { spawnWorkload } from './spawn.ts'
import { responsivenessWorkload } from './responsiveness.ts'
import { caseLoopWorkload, fibWorkload, readLoopWorkload } from './scripts.ts'
import { throughputWorkload } from './throughput.ts'
import { cutSortWorkload, grepCountWorkload, runCallWorkload, sortUniqWorkload, treeWorkloads, trWorkload } from './text.ts'

export const workloads: Workload[] = [bootWorkload, spawnWorkload, builtinsWorkload, pipelineWorkload, throughputWorkload, namespaceWorkload, directoryWorkload, memoryWorkload, responsivenessWorkload, awkWorkload, ninepWorkload, hostGrepWorkload, hostFindWorkload, fibWorkload, caseLoopWorkload, readLoopWorkload, trWorkload, grepCountWorkload, sortUniqWorkload, cutSortWorkload, ...treeWorkloads, runCallWorkload]
