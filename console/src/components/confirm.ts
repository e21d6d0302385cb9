import type { Modal } from 'antd';

type ModalApi = ReturnType<typeof Modal.useModal>[0];

/**
 * 二次确认 before an act that moves responsibility or cannot be undone (撤销, 退回, 调整牵头单位, 通过): the same
 * buttons everywhere, red where the act is a 撤销 or a 退回. Through Modal.useModal's api, so the dialog takes the
 * console's Chinese settings (the static Modal.confirm does not, and spaced its 取消 as "取 消").
 */
export function confirmThen(
  modal: ModalApi,
  ask: { title: string; content: string; okText: string; danger?: boolean },
  then: () => unknown,
): void {
  const { danger, ...text } = ask;
  modal.confirm({ ...text, cancelText: '取消', ...(danger ? { okButtonProps: { danger: true } } : {}), onOk: then });
}
