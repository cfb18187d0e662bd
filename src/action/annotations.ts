// Annotations within GitHub's limits: 10 errors, 10 warnings and 10 notices per step (actions/toolkit,
// docs/problem-matchers.md); past that GitHub drops them silently, in the order they came. Warnings and notices are
// held until the step's story is known, the most important go first, and the rest stay log lines. Errors (definition
// problems) are written as they come, every one: each is a red line in the log, whatever GitHub annotates of them.
import * as core from '@actions/core';
import type { Problem } from '../core/types.js';
import type { ChangeAnnotation } from '../report/change-annotations.js';

export const ANNOTATIONS_PER_KIND = 10;

type Level = 'warning' | 'notice';

interface Held {
  level: Level;
  message: string;
  properties: core.AnnotationProperties;
  /** Lower goes first. */
  rank: number;
}

export class AnnotationBook {
  private readonly held: Held[] = [];

  constructor(private readonly clean: (text: string) => string) {}

  problem(level: 'error' | 'warning', problem: Problem): void {
    const properties = annotationAt(problem);
    if (level === 'error') core.error(this.clean(problem.message), this.cleanTitle(properties));
    else this.held.push({ level, message: problem.message, properties, rank: 1 });
  }

  /** What the plan does to each changed definition; a lost role or a deactivation outranks any other warning. */
  changes(annotations: readonly ChangeAnnotation[]): void {
    for (const annotation of annotations) {
      this.held.push({
        level: annotation.level,
        message: annotation.message,
        properties: {
          file: annotation.position.file,
          startLine: annotation.position.line,
          title: `genesys-oauth-sync: ${annotation.client}`,
        },
        rank: annotation.level === 'warning' ? 0 : 2,
      });
    }
  }

  // A title carries the client's name: outside data, made safe like the message.
  private cleanTitle(properties: core.AnnotationProperties): core.AnnotationProperties {
    return properties.title === undefined ? properties : { ...properties, title: this.clean(properties.title) };
  }

  /** Writes what was held: the first ANNOTATIONS_PER_KIND of each level as annotations, the rest as log lines. */
  flush(): void {
    const ordered = this.held.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.rank - b.entry.rank || a.index - b.index);
    this.held.length = 0;
    const shown: Record<Level, number> = { warning: 0, notice: 0 };
    const left: Record<Level, number> = { warning: 0, notice: 0 };
    for (const { entry } of ordered) {
      const message = this.clean(entry.message);
      if (shown[entry.level] < ANNOTATIONS_PER_KIND) {
        shown[entry.level] += 1;
        if (entry.level === 'warning') core.warning(message, this.cleanTitle(entry.properties));
        else core.notice(message, this.cleanTitle(entry.properties));
      } else {
        left[entry.level] += 1;
        const where = entry.properties.file ? `${entry.properties.file}:${entry.properties.startLine ?? 1}: ` : '';
        core.info(`${entry.level}: ${where}${message}`);
      }
    }
    for (const level of ['warning', 'notice'] as const) {
      const count = left[level];
      if (count > 0)
        core.info(
          `${count} more ${level}${count === 1 ? '' : 's'} than GitHub annotates in one step: see the log above and the job summary.`,
        );
    }
  }
}

function annotationAt(problem: Problem): core.AnnotationProperties {
  if (!problem.file) return {};
  return {
    file: problem.file,
    startLine: problem.line,
    startColumn: problem.column,
    title: problem.client ? `genesys-oauth-sync: ${problem.client}` : 'genesys-oauth-sync',
  };
}
