import { base } from './links.ts';
import { slug } from './slug.ts';

/** Where a portfolio's and a project's pages live; every page that names one links it here. */
export const portfoliosHref = () => `${base}portfolio/`;
export const portfolioHref = (name: string) => `${base}portfolio/${slug(name)}/`;
export const projectHref = (projectId: string) => `${base}project/${slug(projectId)}/`;
