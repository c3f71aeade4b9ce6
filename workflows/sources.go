package workflows

// The legal sources the timeline cites, one per rule the event acts on, named once
// (004 = the agency's procedure norms, 003 = the Cadastro's; "product §N" = docs/product.md).
// A timeline event carries one in its Fonte; a case's ending, in its end().
const (
	// Registration and identification (004 §3, Anexo IX).
	srcMissingDocuments      = "004 §3.3.1.5"
	srcNoManifestation       = "004 Anexo IX, V"
	srcIdentificationRefused = "004 Anexo IX, VI"
	srcWithdrawn             = "004 §4.4.1, I"
	srcResolvedByPhone       = "product §3"

	// The CIP (004 §4).
	srcCIPByHand         = "004 §4.2.1, II–III"
	srcCIPSent           = "004 §4.2.1, §4.3.1"
	srcCIPLapsed         = "004 §4.3.1, §4.3.5"
	srcCIPAnswered       = "004 §4.3.1, §4.3.4"
	srcCIPReview         = "004 §4.3.5"
	srcConsumerReturned  = "004 §4.3.7"
	srcConverted         = "004 §4.3.5, §4.3.6, §7.2, II"
	srcNoInterest        = "004 §4.3.7; §4.4.1, II"
	srcIncompetence      = "004 §4.3.8"
	srcArchivedByStaff   = "004 §4.4.1"
	srcArchivedCIPReview = "004 §4.3.5"

	// Hearings and agreements (004 §5), the Cadastro (004 §6; 003).
	srcHearingScheduled   = "004 §5.3, §5.4"
	srcHearingReminder    = "004 §5.4"
	srcHearingHeld        = "004 §5.6, §5.12"
	srcAgreementReached   = "004 §5.6, §5.7"
	srcAgreementDue       = "004 §5.7"
	srcAgreementFulfilled = "004 §5.10"
	srcAgreementBreached  = "004 §5.11"
	srcAttendedClassified = "004 §5.10, §6"
	srcClassified         = "004 §6.7, §6.8; 003"

	// The processo administrativo (004 §7, §8).
	srcProcessOpened     = "004 §7.1, §7.2"
	srcGrouped           = "004 §8.2–8.5"
	srcCollectiveQueue   = "004 §8.4, §8.7"
	srcCollectiveJudged  = "004 §8.7, §8.10"
	srcCollectiveClosed  = "004 §8.7"
	srcJudgmentQueue     = "004 §8.8, §8.16"
	srcDIJURNotice       = "004 §8.9"
	srcJudged            = "004 §8.10, §8.18; 003"
	srcNotUpheld         = "003; 004 §8.10"
	srcExOfficioSent     = "004 §8.12, §8.13"
	srcExOfficioAnswered = "004 §8.13"
	srcExOfficioLapsed   = "004 §8.13, §8.14"
	srcPresidency        = "004 §8.14"
	srcDefense           = "004 §8.15"
	srcDefenseByHand     = "004 §4.2.1, II–III; §8.15"
	srcDefenseLapsed     = "004 §8.15, §8.16"
	srcNoFine            = "004 §8.21"

	// The fine (004 §8.18, §10, §11).
	srcFineByHand       = "004 §8.18"
	srcFineNotified     = "004 §8.18, §8.20, §10.1"
	srcAppealLate       = "004 §10.1"
	srcAppealFiled      = "004 §10.1, §10.2"
	srcFinalNoAppeal    = "004 §10.1, §10.5"
	srcAppealArchived   = "004 §10.3"
	srcAppealDenied     = "004 §10.3, §10.4, §10.5"
	srcPayment          = "004 §11"
	srcDebtInscribed    = "004 §11.1"
	srcCourtOrder       = "004 §11.2"
	srcCourtReduction   = "004 §11.3"
	srcComplement       = "004 §11.4"
	srcOverpaid         = "004 §11.5"
	srcSuspension       = "004 §13.4"
	srcPetitionReceived = "004 §14.1"

	// The TAC (004 §12).
	srcTACRefused      = "004 §12.3, II"
	srcTACSummoned     = "004 §12.3, §12.5"
	srcTACNotSigned    = "004 §12.5"
	srcTACBreached     = "004 §12.6"
	srcTACSigned       = "004 §12.7, §12.8"
	srcTACVerification = "004 §12.8"

	// Waiver and installments (004 §15).
	srcWaiver             = "004 §15.2, §15.2.1, §15.5, §15.6"
	srcInstallment        = "004 §15.7"
	srcInstallmentIssued  = "004 §15.7, §15.9"
	srcPlanGranted        = "004 §15.7, §15.8"
	srcFinalByPlanRequest = "004 §15.8, §10.5"
	srcPlanBroken         = "004 §15.9, §15.10, §15.13"
	srcPlanRefused        = "004 §15.7–15.13"
)
