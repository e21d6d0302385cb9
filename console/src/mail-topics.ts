/**
 * The mail topics a contact may choose (Contact.receives), in the API's order with its Chinese names
 * (functions/domain/labels.ts). The API's default is every topic: `receives` absent.
 */
import type { Contact, MailTopic } from './api/types';
import { mailTopicLabels } from './labels';
import { editableContact } from './units';

export const mailTopics = Object.keys(mailTopicLabels) as MailTopic[];

export const mailTopicOptions = mailTopics.map((value) => ({ value, label: mailTopicLabels[value] }));

/** The topics a contact receives: its own list, or every topic when it has none (the API's default). */
export function topicsOf(contact: Contact): MailTopic[] {
  return contact.receives ? mailTopics.filter((t) => contact.receives?.includes(t)) : [...mailTopics];
}

/**
 * The contacts with the topics chosen for each (by position). A contact ticked for every topic goes back to the
 * default (no `receives`), so a topic the platform adds later reaches it too; the rest of each contact is kept, but for
 * what only the platform writes (editableContact).
 */
export function contactsWithTopics(contacts: readonly Contact[], chosen: readonly MailTopic[][]): Contact[] {
  return contacts.map((contact, index) => {
    const { receives: _previous, ...rest } = editableContact(contact);
    const topics = mailTopics.filter((t) => (chosen[index] ?? topicsOf(contact)).includes(t));
    return topics.length === mailTopics.length ? rest : { ...rest, receives: topics };
  });
}
