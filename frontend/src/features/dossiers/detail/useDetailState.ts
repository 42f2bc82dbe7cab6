import { useEffect, useRef, useState } from 'react';
import type { DossierAction } from '../../../api/types';
import { useClaim } from '../../work/queries';

/** What the last thing done on the page came to, said above the actions. */
export type Notice =
  | { kind: 'done'; action: DossierAction }
  | { kind: 'stale' }
  | { kind: 'assigned'; name: string }
  | { kind: 'released' }
  | { kind: 'claimed' };

export type HandOver = 'assign' | 'release';

/**
 * The dossier page's own state: which action form or hand-over dialog is open, and the notice of the last
 * outcome, which takes the focus when it appears so that it is seen and announced.
 */
export function useDetailState() {
  const claim = useClaim();
  const [open, setOpen] = useState<DossierAction | null>(null);
  // The reason a refusal at reception starts with, when a receive found mandatory documents missing.
  const [prefill, setPrefill] = useState<string | undefined>();
  const [handing, setHanding] = useState<HandOver | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice || claim.isError) noticeRef.current?.focus();
  }, [notice, claim.isError]);

  return {
    claim,
    open,
    prefill,
    handing,
    notice,
    noticeRef,
    openAction(action: DossierAction) {
      setNotice(null);
      setPrefill(undefined);
      setOpen(action);
    },
    refuseInstead(reason: string) {
      setPrefill(reason);
      setOpen('refuse_at_reception');
    },
    closeAction() {
      setOpen(null);
    },
    actionDone(action: DossierAction) {
      setOpen(null);
      setNotice({ kind: 'done', action });
    },
    actionStale() {
      setOpen(null);
      setNotice({ kind: 'stale' });
    },
    claimStep(dossierId: number) {
      setNotice(null);
      claim.mutate(dossierId, { onSuccess: () => setNotice({ kind: 'claimed' }) });
    },
    startHandOver(kind: HandOver) {
      setNotice(null);
      claim.reset();
      setHanding(kind);
    },
    closeHandOver() {
      setHanding(null);
    },
    handOverDone(outcome: Notice) {
      setHanding(null);
      setNotice(outcome);
    },
  };
}

export type DetailState = ReturnType<typeof useDetailState>;
