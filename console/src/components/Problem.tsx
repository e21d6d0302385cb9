import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, messageOf } from '../api/errors';
import { Outcome } from './Outcome';

/** What a page shows when its data cannot be had: not found / no access as such, anything else with the API's message. */
export function Problem({ error, home, retry }: { error: unknown; home?: string; retry?: () => void }) {
  const back = home ? (
    <Link to={home}>
      <Button type="primary">返回首页</Button>
    </Link>
  ) : null;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Outcome kind="not-found" title="未找到" detail="没有这个事项，或它不属于您的单位，您无权查看。请从待办列表进入。" extra={back} />
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Outcome kind="forbidden" title="无权访问" detail={error.message} extra={back} />;
  }
  return (
    <Outcome
      kind="error"
      title="加载未成功"
      detail={messageOf(error)}
      extra={
        <>
          {retry ? (
            <Button type="primary" onClick={retry}>
              重试
            </Button>
          ) : null}
          {back}
        </>
      }
    />
  );
}

export function NotFoundPage({ home }: { home?: string }) {
  return (
    <Outcome
      kind="not-found"
      title="页面不存在"
      detail="您访问的地址不存在。"
      extra={
        <Link to={home ?? '/'}>
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
