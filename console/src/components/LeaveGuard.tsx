/**
 * 离开未提交的表单前先问: a half-filled form is not lost to a stray click on the menu, 取消 or the browser's back
 * (asked in the console's own dialog), nor to closing or reloading the tab (the browser's own question).
 * `release()` before a navigation the form itself makes (after it was sent): that one is not asked about.
 */
import { Modal } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router-dom';

export function useLeaveGuard() {
  const [dirty, setDirty] = useState(false);
  const released = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !released.current && currentLocation.pathname !== nextLocation.pathname,
  );
  const [modal, holder] = Modal.useModal();
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '离开此页？',
      content: '表单中已填写的内容尚未提交，离开后不会保留。',
      okText: '离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => {
      if (!released.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  const touched = useCallback(() => setDirty(true), []);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return { holder, touched, release };
}
