import type { ResultDocument } from "@queueshift/shared-model";
import { type Advice, advise } from "../advice/advise.js";
import { atScaleOf } from "../advice/at-scale.js";
import type { UserProfile } from "../advice/profile.js";
import type { PriceChoice } from "../cost/price-choice.js";

/** What every renderer needs besides the result document. */
export interface ReportOptions {
  readonly profile: UserProfile;
  readonly prices: PriceChoice;
  /** A precomputed advice for this document (renderers compute it when absent). */
  readonly advice?: Advice;
  /** A projection of the run (origin projection): the HTML's "At your scale" section draws it. */
  readonly projection?: ResultDocument;
  /** The advice rests on `projection` (a traffic profile was given); otherwise on the run. */
  readonly adviseFromProjection?: boolean;
}

/** The options' advice, computed when the caller did not pass one. */
export function adviceFor(doc: ResultDocument, options: ReportOptions): Advice {
  if (options.advice !== undefined) return options.advice;
  const atScale =
    options.adviseFromProjection === true && options.projection !== undefined
      ? atScaleOf(options.projection)
      : null;
  return advise(doc, options.profile, options.prices, atScale);
}
