/// <reference types="astro/client" />
import { slug } from './slug.ts';

/** The site's base path with one trailing slash, so links work when it is hosted under a prefix. */
export const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

export const pmHref = (pmId: string) => `${base}pm/${slug(pmId)}/`;
export const csvHref = (chartId: string) => `${base}data/${chartId}.csv`;
export const definitionHref = (anchor: string) => `${base}definitions/#${anchor}`;
/** The page of one KPI: every PM ranked, against the company's noise limits. */
export const kpiHref = (kpiId: string) => `${base}kpi/${slug(kpiId)}/`;
