/** Schemas of the Center's inbox and the consultation desk's lists (CONTRACT §2 lists, §3 center). */
import { z } from 'zod';
import { consultationStatuses } from '../../domain/cases/consultation-state.js';
import { PageQuery } from '../../platform/pagination.js';

export const consultationSorts = ['age', 'plannedDischargeDate'] as const;
export type ConsultationSort = (typeof consultationSorts)[number];

export const ListConsultationsQuery = PageQuery.extend({
  status: z.preprocess(
    (value: unknown) => (value === undefined ? undefined : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(consultationStatuses)).optional(),
  ),
  kind: z.enum(['case', 'general']).optional(),
  caseId: z
    .uuid('ID の形式が正しくありません。')
    .optional()
    .describe('このケースの相談だけ（今の相談と、それより前に終了した相談）。ケースの画面から相談を開くときに使います'),
  sort: z
    .enum(consultationSorts)
    .optional()
    .describe(
      'age（既定）: 受付の古い順 / plannedDischargeDate: 退院予定日の近い順（一般の相談は最後）、同じ日は受付順。どちらも最後は ID 順',
    ),
  assigned: z.enum(['me', 'unassigned']).optional(),
});
export type ListConsultationsQuery = z.infer<typeof ListConsultationsQuery>;
