/** test:abuse's attempts, by the server they run against (see scripts/abuse-test.ts). */
import type { Item } from "../abuse-test.ts";
import { call } from "./abuse-http.ts";
import { limitItems } from "./abuse-limits.ts";
import { freshItems, holeItems } from "./abuse-holes.ts";

export const trustItems: Item[] = [...limitItems, ...holeItems];
export const setupItems: Item[] = freshItems;

/** After a restart on the same store, one of whose signed plans holds a damaged drawing. */
export const startItems: Item[] = [
  {
    name: "the PDF of a plan whose stored drawing is damaged",
    run: async (ctx) => {
      const pdf = await call(ctx.base, `/plans/${ctx.plans.signed}/retainer.pdf`, { cookie: ctx.cookies.cm });
      const other = await call(ctx.base, `/plans/${ctx.plans.review[0]}`, { cookie: ctx.cookies.cm });
      return { sent: `GET /plans/${ctx.plans.signed}/retainer.pdf`, got: `${pdf.status} ${pdf.headers["content-type"]}; another plan then answers ${other.status}`, pass: pdf.status > 0 && other.status === 200 };
    },
  },
];
