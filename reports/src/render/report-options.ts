import type { ResultDocument } from "@queueshift/shared-model";
import { type Advice, advise } from "../advice/advise.js";
import type { UserProfile } from "../advice/profile.js";
import type { PriceChoice } from "../cost/price-choice.js";

/** What every renderer needs besides the result document. */
export interface ReportOptions {
  readonly profile: UserProfile;
  readonly prices: PriceChoice;
  /** A precomputed advice for this document (renderers compute it when absent). */
  readonly advice?: Advice;
}

/** The options' advice, computed when the caller did not pass one. */
export function adviceFor(doc: ResultDocument, options: ReportOptions): Advice {
  return options.advice ?? advise(doc, options.profile, options.prices);
}
