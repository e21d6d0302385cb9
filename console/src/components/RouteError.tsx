import { Button } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Outcome } from './Outcome';

/**
 * A page that failed to load or render: a message and a way on, never a
 * white screen or a stack. A chunk that cannot be fetched usually means a
 * newer console was deployed meanwhile: reloading fetches it.
 */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <Outcome kind="not-found" title="页面不存在" extra={<Button href="/console/">返回首页</Button>} />;
  }
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Outcome
      kind="error"
      title={chunkFailed ? '页面加载未成功' : '页面出错了'}
      detail={chunkFailed ? '可能是网络中断，或平台刚刚更新。请刷新页面重试。' : '请刷新页面重试；如果问题仍在，请联系督查室。'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
