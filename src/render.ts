/**
 * Eta, configured once: templates from views/, auto-escaping on (every `<%= %>` is escaped), and
 * cached in production. Pages and fragments are rendered by name; one partial serves both.
 */
import { VIEWS_DIR } from "./paths.ts";
import { Eta } from "eta";
import { STEPS, stepKey } from "../machines/steps.ts";
import { ROLE_LABELS } from "./auth/users.ts";
import { labelKey, labelOptions } from "./domain/labels.ts";
import * as plan from "./domain/plan.ts";
import { qrSvg } from "./http/qr-svg.ts";
import { asset } from "./http/assets.ts";
import { wordsOf } from "./plans/transcript.ts";

const views = VIEWS_DIR;

/**
 * Helpers every template may use: the catalog keys of coded values' labels (`it.t(it.h.labelKey("barrierCategory", b.category))`)
 * and of step names (`it.t(it.h.stepKey(step))`), a bubble's words (`it.h.wordsOf(it.t, b.text)`), the step list, QR codes for links, static files' content-named URLs.
 */
export const helpers = Object.freeze({ labelKey, labelOptions, stepKey, wordsOf, STEPS, ROLE_LABELS, enums: plan, qrSvg, asset });

/**
 * Eta works out a template's file path again on every render and include (JSON.stringify of a
 * cache key, path.join, path.relative): a conversation response has dozens of includes. The answer
 * depends only on the name and the including file, so it is kept. The views-folder check inside
 * still runs once per pair, so no include can reach outside views/.
 */
class PathCachingEta extends Eta {
  private readonly paths = new Map<string, string>();
  constructor(config: ConstructorParameters<typeof Eta>[0]) {
    super(config);
    const resolve = this.resolvePath;
    this.resolvePath = (template: string, options?: { filepath?: string }): string => {
      const key = `${options?.filepath ?? ""}\0${template}`;
      let path = this.paths.get(key);
      if (path === undefined) this.paths.set(key, (path = resolve.call(this, template, options as never)));
      return path;
    };
  }
}

export function createRenderer(options: { cache: boolean }) {
  const eta = new PathCachingEta({ views, cache: options.cache, autoEscape: true, autoTrim: false });
  // Data that carries the helpers already (a request's render, src/http/language.ts) is not copied again.
  return (template: string, data: Record<string, unknown> = {}): string => eta.render(`./${template}`, data.h === helpers ? data : { ...data, h: helpers });
}

export type Render = ReturnType<typeof createRenderer>;
