/** test:abuse's attempts, by the server they run against (see scripts/abuse-test.ts). */
import type { Item } from "../abuse-test.ts";
import { call } from "./abuse-http.ts";
import { limitItems } from "./abuse-limits.ts";
import { freshItems, holeItems } from "./abuse-holes.ts";

const damagedDrawing: Item = {
  name: "the PDF of a signed plan whose stored drawing is damaged (from before uploads were checked)",
  run: async (ctx) => {
    const pdf = await call(ctx.base, `/plans/${ctx.plans.damaged[0]}/retainer.pdf`, { cookie: ctx.cookies.cm });
    const again = await call(ctx.base, `/plans/${ctx.plans.damaged[0]}/retainer.pdf`, { cookie: ctx.cookies.cm });
    return { sent: `GET /plans/${ctx.plans.damaged[0]}/retainer.pdf, twice`, got: `${pdf.status} ${pdf.headers["content-type"]}, then ${again.status}`, pass: pdf.status === 200 && again.status === 200 && pdf.body.startsWith("%PDF") };
  },
};

export const trustItems: Item[] = [damagedDrawing, ...limitItems, ...holeItems];
export const setupItems: Item[] = freshItems;

/** After a restart on the same store, one of whose signed plans was edited on disk after signing. */
export const startItems: Item[] = [
  {
    name: "the PDF and page of a signed plan whose file was edited after signing",
    run: async (ctx) => {
      const pdf = await call(ctx.base, `/plans/${ctx.plans.signed}/retainer.pdf`, { cookie: ctx.cookies.cm });
      const page = await call(ctx.base, `/plans/${ctx.plans.signed}`, { cookie: ctx.cookies.cm });
      const flagged = page.body.includes("no longer matches");
      const other = await call(ctx.base, `/plans/${ctx.plans.review[0]}`, { cookie: ctx.cookies.cm });
      return {
        sent: `GET /plans/${ctx.plans.signed}/retainer.pdf and its page`,
        got: `PDF ${pdf.status}; page ${page.status}${flagged ? ", flagged as changed after signing" : ", NOT flagged"}; another plan then answers ${other.status}`,
        pass: pdf.status === 409 && page.status === 200 && flagged && other.status === 200,
      };
    },
  },
];
