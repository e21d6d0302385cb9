/**
 * The local sign-in page: only in the local system (config.json says
 * "local"), in place of Cognito's login. Pick a role, or a unit to act for,
 * and the local token service hands out a token shaped like Cognito's.
 */
import { Alert, Button, Card, Empty, Flex, List, Select, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { messageOf } from '../api/errors';
import type { Role, UnitKind } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { homeOf } from '../auth/session';
import { roleLabels, unitKindLabels } from '../labels';
import { useToast } from '../components/Toast';
import { isResponsibleUnit } from '../units';
import { officeDepth } from '../../../functions/domain/offices';

interface SignInOptions {
  roles: Role[];
  /** The tree of offices (纵向到底): signing in for one puts its id in the token; the roster below is its own. */
  offices?: { id: string; name: string; parentId?: string }[];
  units: { id: string; name: string; kind: UnitKind }[];
  /** The roster's leaders (分管领导): signing in as one puts their leaderId in the token. */
  leaders?: { leaderId: string; name: string; unitId: string }[];
}

async function localJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((body as { error?: { message?: string } })?.error?.message ?? `本机登录服务返回 ${response.status}`);
  return body as T;
}

const roleDescriptions: Record<Exclude<Role, 'unit'>, string> = {
  office: '立项派发、督查台账、延期审批、核查、通报与移送',
  leader: '督查概览、年度考核，只读查看全部事项',
  inspector: '核查申请办结的事项',
};

export default function SignIn() {
  const auth = useAuth();
  const navigate = useNavigate();
  const message = useToast();
  const [params] = useSearchParams();
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [office, setOffice] = useState('root');
  const choices = useQuery({
    queryKey: ['local-sign-in', office],
    queryFn: () => localJson<SignInOptions>(`/local/sign-in-options${office === 'root' ? '' : `?office=${encodeURIComponent(office)}`}`),
    enabled: auth.mode === 'local',
    placeholderData: (previous) => previous,
  });

  if (auth.mode !== 'local') return <Navigate to="/" replace />;

  const signIn = async (role: Role, unitId?: string, leaderId?: string) => {
    setSigningIn(unitId ?? leaderId ?? role);
    try {
      const { idToken } = await localJson<{ idToken: string }>('/local/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          role,
          ...(unitId ? { unitId } : leaderId ? { leaderId } : {}),
          ...(office === 'root' ? {} : { officeId: office }),
        }),
      });
      const problem = auth.openSession?.(idToken);
      if (problem) throw new Error(problem);
      const next = params.get('next');
      // Back to the page asked for when it is this role's; otherwise the role's own first page.
      navigate(next?.startsWith(`/${role}/`) ? next : homeOf[role], { replace: true });
    } catch (error) {
      message.error(`登录未成功：${messageOf(error)}`);
    } finally {
      setSigningIn(null);
    }
  };

  const units = (choices.data?.units ?? []).filter(isResponsibleUnit);
  return (
    <div className="sign-in">
      <h1 className="page-title">本机登录</h1>
      <Alert
        type="info"
        showIcon
        title="这是本机环境的登录页，代替统一身份认证（Cognito）。部署后由统一身份认证登录，此页不存在。"
        style={{ marginBottom: 16 }}
      />
      {auth.problem ? <Alert type="warning" showIcon title={auth.problem} style={{ marginBottom: 16 }} /> : null}
      {(choices.data?.offices?.length ?? 0) > 1 ? (
        <Card title="所在督查机构" style={{ marginBottom: 16 }}>
          <Flex align="center" gap={12}>
            <Select
              aria-label="所在督查机构"
              style={{ minWidth: 280 }}
              value={office}
              onChange={setOffice}
              options={(choices.data?.offices ?? []).map((o) => ({
                value: o.id,
                label: o.name,
                depth: officeDepth(o.id),
              }))}
              optionRender={(option) => <span style={{ paddingLeft: (option.data.depth as number) * 16 }}>{option.label}</span>}
            />
            <Typography.Text type="secondary">下面的角色、领导与责任单位均属所选督查机构</Typography.Text>
          </Flex>
        </Card>
      ) : null}
      <Card title="按角色登录" style={{ marginBottom: 16 }}>
        <Flex vertical gap={8}>
          {(['office', 'leader', 'inspector'] as const).map((role) => (
            <Flex key={role} align="center" gap={12}>
              <Button type="primary" style={{ width: 160 }} loading={signingIn === role} onClick={() => void signIn(role)}>
                以{roleLabels[role]}身份登录
              </Button>
              <Typography.Text type="secondary">{roleDescriptions[role]}</Typography.Text>
            </Flex>
          ))}
          {(choices.data?.leaders ?? []).map((l) => (
            <Flex key={l.leaderId} align="center" gap={12}>
              <Button
                style={{ width: 160 }}
                loading={signingIn === l.leaderId}
                onClick={() => void signIn('leader', undefined, l.leaderId)}
              >
                以{l.name}身份登录
              </Button>
              <Typography.Text type="secondary">分管领导：查看本人分管的事项</Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card title="以责任单位身份登录（签收、报送、申请延期与办结、整改）">
        {choices.isPending ? (
          <Spin />
        ) : choices.isError ? (
          <Alert type="error" showIcon title={`无法读取单位名册：${messageOf(choices.error)}`} />
        ) : units.length === 0 ? (
          <Empty description="还没有责任单位。请先以督查室身份登录，在“责任单位”中登记；或在终端运行 npm run seed 载入演示数据。" />
        ) : (
          <List
            size="small"
            dataSource={units}
            renderItem={(unit) => (
              <List.Item
                actions={[
                  <Button key="in" size="small" loading={signingIn === unit.id} onClick={() => void signIn('unit', unit.id)}>
                    登录
                  </Button>,
                ]}
              >
                <span>
                  {unit.name} <Tag>{unitKindLabels[unit.kind]}</Tag>
                </span>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
