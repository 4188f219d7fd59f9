import { create } from 'zustand'

/** A local file on its way to a material: kept until it is accepted, or dismissed after a refusal. */
export interface UploadTask {
  id: string
  caseId: string
  code: string
  fileName: string
  /** weapp temp path or H5 blob URL, and on H5 the File: what a retry sends again. */
  filePath: string
  file?: Blob
  replaces?: string
  progress: number
  /**
   * The case's state when the file was picked (its number of history entries): a refusal belongs to that
   * state only, so once the case moves on (submitted, returned for 补正) it is no longer shown.
   */
  round: number
  /** uploading; refused (the BFF's checks said no: pick another file); failed (network: retry). */
  status: 'uploading' | 'refused' | 'failed'
  message: string | null
}

interface UploadState {
  tasks: UploadTask[]
  add: (task: UploadTask) => void
  update: (id: string, patch: Partial<UploadTask>) => void
  remove: (id: string) => void
}

export const useReviewUploads = create<UploadState>()((set) => ({
  tasks: [],
  add: (task) => set((s) => ({ tasks: [...s.tasks, task] })),
  update: (id, patch) => set((s) => ({ tasks: s.tasks.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  remove: (id) => set((s) => ({ tasks: s.tasks.filter((t) => t.id !== id) })),
}))

let counter = 0
/** The round of a case, for `UploadTask.round`: every state change appends one history entry. */
export const caseRound = (c: { history: readonly unknown[] }) => c.history.length

export const nextTaskId = () => `upload-${Date.now().toString(36)}-${++counter}`
