import type { Route } from '../instruct/types.ts';
import type { Balance } from '../store/credits-repo.ts';

export interface RouteFacts {
  language: 'en' | 'zh';
  sessionId: string;
  balance: Balance;
  summary: string;
  mediaCount: number;
  renders: { id: string; status: string; progress: number }[];
  hasItems: boolean;
}

function rendersLine(f: RouteFacts): string {
  if (f.renders.length === 0) return f.language === 'zh' ? '还没有导出任务。' : 'No exports yet.';
  const list = f.renders
    .slice(-5)
    .map((r) => `${r.id}: ${r.status}${r.status === 'rendering' ? ` ${Math.round(r.progress * 100)}%` : ''}`)
    .join(', ');
  return f.language === 'zh' ? `导出任务：${list}。` : `Exports: ${list}.`;
}

/** A useful answer to words the protocol routes to the service (export, credits, status, upload). */
export function routeReply(route: Route, f: RouteFacts): string {
  const zh = f.language === 'zh';
  switch (route) {
    case 'export':
      if (!f.hasItems) {
        return zh
          ? '时间线上还没有照片或视频，先上传素材并告诉我怎么做视频，然后再导出。'
          : 'There is nothing on the timeline to export yet: upload photos and tell me what video to make first.';
      }
      return zh
        ? `可以导出了：用这个会话的草稿调用 POST /api/render/proxy/lambda（sessionId ${f.sessionId}），再轮询 GET /api/render/proxy/lambda/<id>，完成后下载 output.url。导出不消耗积分。${rendersLine(f)}`
        : `Ready to export: POST the session's draft to /api/render/proxy/lambda (sessionId ${f.sessionId}), poll GET /api/render/proxy/lambda/<id>, then download output.url. Exports cost no credits. ${rendersLine(f)}`;
    case 'credits':
      return zh
        ? `积分：可用 ${f.balance.available}，冻结 ${f.balance.frozen}，共 ${f.balance.total}。`
        : `Credits: ${f.balance.available} available, ${f.balance.frozen} reserved, ${f.balance.total} in total.`;
    case 'status':
      return zh
        ? `状态：已上传 ${f.mediaCount} 个素材。${rendersLine(f)} ${f.summary}`
        : `Status: ${f.mediaCount} media uploaded. ${rendersLine(f)} ${f.summary}`;
    case 'upload':
      return zh
        ? `上传：POST /api/upload-video/nemo_agent/me/${f.sessionId}，multipart 的 files 字段（可多个），或 JSON {"urls":[…],"source_type":"url"}。支持 jpg、png、webp、gif、heic、bmp、mp4、mov、avi、webm、mkv、mp3、wav、m4a、aac。`
        : `To upload: POST /api/upload-video/nemo_agent/me/${f.sessionId} with multipart parts named "files", or JSON {"urls":[…],"source_type":"url"}. Accepted: jpg, png, webp, gif, heic, bmp, mp4, mov, avi, webm, mkv, mp3, wav, m4a, aac.`;
    default:
      return '';
  }
}
