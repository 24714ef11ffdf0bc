import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';

/**
 * The documents stay navigable while others edit them: every relative Markdown link points at a file of
 * the repository and, with a `#anchor`, at a heading there (as GitHub makes anchors from headings).
 * Links into this repository on GitHub (the package pages npm shows, the documentation URLs n8n shows
 * for the node and the credential) and references to `docs/…` and the package READMEs in code comments are
 * held to the same rule.
 */
const repo = resolve(__dirname, '../..');
const REPOSITORY_URL = 'https://github.com/n8n-nodes-smartflo/n8n-nodes-smartflo';
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', 'coverage', '.e2e', 'results', 'screenshots']);
const CODE_EXTENSIONS = new Set(['.ts', '.mjs', '.js', '.sh', '.json', '.yml']);

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : filesUnder(path, keep);
		return keep(path) ? [path] : [];
	});
}

/** The lines of a Markdown file outside fenced code blocks. */
function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').filter((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return false;
		}
		return !fenced;
	});
}

/** GitHub's anchor for a heading: the rendered text, lower case, punctuation dropped, spaces as hyphens. */
function slugOf(heading: string): string {
	const rendered = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\*+/g, '');
	return rendered
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** Every anchor of a Markdown file, duplicates numbered as GitHub numbers them. */
function anchorsOf(file: string): Set<string> {
	const known = anchorCache.get(file);
	if (known) return known;
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of proseLines(readFileSync(file, 'utf8'))) {
		const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = slugOf(heading[1]);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** What is wrong with a link to `path` (absolute) and `anchor`, or undefined when it resolves. */
function problemOf(path: string, anchor: string | undefined): string | undefined {
	if (!existsSync(path)) return `no such file: ${relative(repo, path) || '.'}`;
	if (anchor === undefined) return undefined;
	if (statSync(path).isDirectory()) {
		// GitHub shows a folder with its README below: #readme scrolls to it, other anchors are the README's headings.
		const readme = join(path, 'README.md');
		if (!existsSync(readme)) return `no README to anchor in ${relative(repo, path) || '.'}`;
		return anchor === 'readme' ? undefined : problemOf(readme, anchor);
	}
	if (extname(path) !== '.md') return `an anchor into a file that is not Markdown: ${relative(repo, path)}`;
	return anchorsOf(path).has(decodeURIComponent(anchor)) ? undefined : `no heading for #${anchor} in ${relative(repo, path)}`;
}

/** The repository file a GitHub URL of this repository names, or undefined for other URLs (issues, the clone URL). */
function repositoryTarget(url: string): { path: string; anchor?: string } | undefined {
	const match = new RegExp(`^${REPOSITORY_URL.replace(/[.]/g, '\\.')}(?:/(?:blob|tree)/main/([^#]*))?(?:#(.*))?$`).exec(url);
	if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
	return { path: join(repo, match[1] ?? ''), anchor: match[2] };
}

function linkProblems(file: string): string[] {
	const problems: string[] = [];
	for (const line of proseLines(readFileSync(file, 'utf8'))) {
		for (const [, target] of line.matchAll(/!?\[(?:[^\]]|\][^(])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
			let resolved: { path: string; anchor?: string } | undefined;
			if (/^[a-z][a-z+.-]*:/i.test(target)) {
				resolved = repositoryTarget(target);
				if (!resolved) continue;
			} else {
				const [path, anchor] = target.split('#', 2);
				resolved = { path: path ? resolve(dirname(file), path) : file, anchor };
			}
			const problem = problemOf(resolved.path, resolved.anchor);
			if (problem) problems.push(`${relative(repo, file)}: [${target}] ${problem}`);
		}
	}
	return problems;
}

const markdownFiles = filesUnder(repo, (path) => path.endsWith('.md'));
const codeFiles = filesUnder(repo, (path) => CODE_EXTENSIONS.has(extname(path)) && !path.endsWith('package-lock.json'));

describe('links between the documents', () => {
	it('covers the front door, docs/ and every package page', () => {
		const names = markdownFiles.map((file) => relative(repo, file));
		expect(names).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'graphql/README.md', 'sandbox/README.md']));
		expect(names.filter((name) => name.startsWith('docs/')).length).toBeGreaterThan(10);
	});

	it.each(markdownFiles.map((file) => [relative(repo, file), file]))('%s: every relative link and anchor resolves', (_name, file) => {
		expect(linkProblems(file)).toEqual([]);
	});

	it('every page in docs/ is listed in the index docs/README.md', () => {
		const index = readFileSync(join(repo, 'docs/README.md'), 'utf8');
		const pages = readdirSync(join(repo, 'docs')).filter((name) => name.endsWith('.md') && name !== 'README.md');
		expect(pages.filter((page) => !index.includes(`](${page})`))).toEqual([]);
	});

	it('the checker finds a missing file, a missing heading and a missing README anchor', () => {
		expect(problemOf(join(repo, 'docs', 'no-such-page.md'), undefined)).toMatch(/no such file/);
		expect(problemOf(join(repo, 'README.md'), 'no-such-heading')).toMatch(/no heading/);
		expect(problemOf(join(repo, 'README.md'), 'smartflo-node')).toBeUndefined();
		expect(slugOf('Token → Login')).toBe('token--login');
		expect(slugOf('The end-to-end check (`npm run test:e2e`)')).toBe('the-end-to-end-check-npm-run-teste2e');
		expect(repositoryTarget(`${REPOSITORY_URL}/issues`)).toBeUndefined();
		expect(repositoryTarget(`${REPOSITORY_URL}/tree/main/graphql#readme`)).toEqual({ path: join(repo, 'graphql'), anchor: 'readme' });
	});
});

describe('references from code to the documents', () => {
	it('every link into this repository on GitHub (package.json, the node and credential documentation URLs) resolves', () => {
		const problems = codeFiles.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(new RegExp(`${REPOSITORY_URL.replace(/[.]/g, '\\.')}[^\\s'"\`)]*`, 'g'))].flatMap(([url]) => {
				const target = repositoryTarget(url);
				const problem = target && problemOf(target.path, target.anchor);
				return problem ? [`${relative(repo, file)}: ${url} ${problem}`] : [];
			}),
		);
		expect(problems).toEqual([]);
	});

	it('every docs/… or package README reference in code and tests names a document and a heading that exist', () => {
		const problems = codeFiles.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/\b(docs\/[\w-]+\.md|(?:graphql|sandbox)\/README\.md)(?:#([\w-]+))?/g)].flatMap(
				([reference, page, anchor]) => {
					const problem = problemOf(join(repo, page), anchor);
					return problem ? [`${relative(repo, file)}: ${reference} ${problem}`] : [];
				},
			),
		);
		expect(problems).toEqual([]);
	});
});
