/**
 * "What happened" messages (已签收, 导出未成功…): antd's message, through
 * its hook so it follows the Chinese locale and theme. Its code loads with
 * the first message rather than with every page: most page visits show none.
 */
import type { MessageInstance } from 'antd/es/message/interface';
import { type ComponentType, createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

type Kind = 'success' | 'error' | 'info' | 'warning';
export type Toast = Record<Kind, (text: string) => void>;

const ToastContext = createContext<Toast | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [Holder, setHolder] = useState<ComponentType<{ onReady: (api: MessageInstance) => void }> | null>(null);
  const api = useRef<MessageInstance | null>(null);
  const queued = useRef<[Kind, string][]>([]);
  const loading = useRef(false);

  const ready = useCallback((instance: MessageInstance) => {
    api.current = instance;
    for (const [kind, text] of queued.current.splice(0)) void instance[kind](text);
  }, []);

  const toast = useMemo<Toast>(() => {
    const show = (kind: Kind) => (text: string) => {
      if (api.current) {
        void api.current[kind](text);
        return;
      }
      queued.current.push([kind, text]);
      if (loading.current) return;
      loading.current = true;
      void import('./ToastHolder').then((m) => setHolder(() => m.default));
    };
    return { success: show('success'), error: show('error'), info: show('info'), warning: show('warning') };
  }, []);

  return (
    <ToastContext.Provider value={toast}>
      {Holder ? <Holder onReady={ready} /> : null}
      {children}
    </ToastContext.Provider>
  );
}

export function useToast(): Toast {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error('useToast outside ToastProvider');
  return toast;
}
