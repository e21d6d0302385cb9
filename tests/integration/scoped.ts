/**
 * The jobs and the reports read global indexes and partitions, which the test
 * files running beside each other share. These wrap the real DynamoDB reads
 * and narrow their answers to the units of one file or scenario (ids holding
 * `marker`), so a test neither acts on nor counts another file's records.
 */
import { DynamoAssessmentFacts } from '../../functions/adapters/dynamodb/assessment-facts';
import { DynamoDueQueries } from '../../functions/adapters/dynamodb/due-queries';
import type { AssessmentFacts, DueItem, DueQueries } from '../../functions/use-cases/ports';

/** The real assessment facts, narrowed to facts about units whose id holds `marker`. */
export class ScopedFacts implements AssessmentFacts {
  private readonly inner = new DynamoAssessmentFacts();
  constructor(private readonly marker: string) {}
  async ofYear(year: number, kindPrefix?: string) {
    return (await this.inner.ofYear(year, kindPrefix)).filter((f) => f.unitIds.some((u) => u.includes(this.marker)));
  }
}

/** The real due-queries, their answers narrowed to units whose id holds `marker`. */
export class ScopedDue implements DueQueries {
  private readonly inner = new DynamoDueQueries();
  constructor(private readonly marker: string) {}
  get readUnits() {
    return this.inner.readUnits;
  }
  private mine = (items: DueItem[]) => items.filter((i) => [i.leadUnit, ...(i.coUnits ?? [])].some((u) => u.includes(this.marker)));
  async itemsDue(from: string, to: string) {
    return this.mine(await this.inner.itemsDue(from, to));
  }
  async deadlinesDue(from: string, to: string) {
    return this.mine(await this.inner.deadlinesDue(from, to));
  }
  async itemsOverdue(today: string) {
    return this.mine(await this.inner.itemsOverdue(today));
  }
  async reportsDue(from: string, to: string) {
    return this.mine(await this.inner.reportsDue(from, to));
  }
  async reportsOverdue(today: string) {
    return this.mine(await this.inner.reportsOverdue(today));
  }
  async rectificationsOverdue(today: string) {
    return (await this.inner.rectificationsOverdue(today)).filter((o) => o.unitId.includes(this.marker));
  }
}
