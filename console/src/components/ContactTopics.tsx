/**
 * 收件设置: which mails each contact of a unit receives (a head may want only 通报). Every contact takes every
 * topic unless its unit says otherwise (the API's default, `receives` absent); a contact ticked for every topic
 * is saved without `receives`, so a topic added later reaches it too. Saved with PATCH /units/{unitId} and
 * If-Match: a unit changed meanwhile is refused (412), not overwritten.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { keys } from '../api/queries';
import { useSubmission } from '../api/submission';
import type { Contact, Unit } from '../api/types';
import { contactsWithTopics, mailTopicOptions, topicsOf } from '../mail-topics';
import { useToast } from './Toast';

export function ContactTopicsButton({ unit }: { unit: Unit }) {
  const [open, setOpen] = useState(false);
  if (!unit.contacts || unit.contacts.length === 0) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`${unit.name}的收件设置`}>
        收件设置
      </Button>
      {open ? <ContactTopicsModal unit={unit} contacts={unit.contacts} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ContactTopicsModal({ unit, contacts, onClose }: { unit: Unit; contacts: Contact[]; onClose: () => void }) {
  const [chosen, setChosen] = useState(() => contacts.map(topicsOf));
  const message = useToast();
  const queryClient = useQueryClient();
  const save = useSubmission({
    send: (body: { contacts: Contact[] }, key) =>
      ok(
        api.PATCH('/units/{unitId}', {
          params: { path: { unitId: unit.id }, header: { 'Idempotency-Key': key, 'If-Match': `"${unit.version}"` } },
          body,
        }),
      ),
    sent: (updated) => {
      void queryClient.invalidateQueries({ queryKey: keys.units });
      message.success(`已保存${updated.name}的收件设置`);
      onClose();
    },
  });
  return (
    <Modal
      open
      width={760}
      title={`收件设置：${unit.name}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: save.pending }}
      onOk={() => save.submit({ contacts: contactsWithTopics(contacts, chosen) })}
      onCancel={onClose}
    >
      {save.refusal ? <Alert type="error" showIcon title={`未保存：${save.refusal}`} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">勾选每位联系人接收的邮件。未改动时，负责人和联络员接收全部邮件。</Typography.Paragraph>
      {contacts.map((contact, index) => (
        <fieldset key={contact.email} className="contact-topics" aria-label={`${contact.name}接收的邮件`}>
          <legend>
            {contact.role === 'head' ? '负责人' : '联络员'} {contact.name} <span className="secondary">{contact.email}</span>
          </legend>
          <Flex vertical gap={4}>
            <Checkbox.Group
              options={mailTopicOptions}
              value={chosen[index]}
              onChange={(topics) => setChosen((all) => all.map((t, i) => (i === index ? topics : t)))}
            />
            {chosen[index]?.length === 0 ? <Typography.Text type="warning">此联系人将不再收到任何邮件</Typography.Text> : null}
          </Flex>
        </fieldset>
      ))}
    </Modal>
  );
}
