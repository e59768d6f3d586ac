/**
 * The words a person reads for the quantities an indicator is computed from:
 * the record contract's fields, the sums the methodology derives from them,
 * and the portal's own names. The dashboard, the template workbook and the
 * exports read them here.
 */
export const QUANTITIES: Record<string, { vi: string; en: string }> = {
  received: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  receivedOnline: { vi: 'Hồ sơ nộp trực tuyến', en: 'Dossiers submitted online' },
  resolvedEarly: { vi: 'Hồ sơ giải quyết trước hạn', en: 'Dossiers resolved early' },
  resolvedOnTime: { vi: 'Hồ sơ giải quyết đúng hạn', en: 'Dossiers resolved on time' },
  resolvedLate: { vi: 'Hồ sơ giải quyết quá hạn', en: 'Dossiers resolved late' },
  pendingWithinDeadline: {
    vi: 'Hồ sơ đang giải quyết trong hạn',
    en: 'Dossiers in progress, within deadline',
  },
  pendingOverdue: { vi: 'Hồ sơ đang giải quyết quá hạn', en: 'Dossiers in progress, overdue' },
  syncedToPortal: { vi: 'Hồ sơ đồng bộ lên Cổng quốc gia', en: 'Dossiers synced to the national portal' },
  proceduresDuePublication: { vi: 'Thủ tục đến hạn công bố', en: 'Procedures due for publication' },
  proceduresPublishedOnTime: { vi: 'Thủ tục công bố đúng hạn', en: 'Procedures published on time' },
  proceduresDueUpdate: { vi: 'Thủ tục đến hạn cập nhật', en: 'Procedures due for update' },
  proceduresUpdatedOnTime: { vi: 'Thủ tục cập nhật đúng hạn', en: 'Procedures updated on time' },
  proceduresPublic: { vi: 'Thủ tục đã công khai', en: 'Procedures made public' },
  proceduresPublicFullContent: {
    vi: 'Thủ tục công khai đủ nội dung',
    en: 'Public procedures with full content',
  },
  dossiersWithFee: { vi: 'Hồ sơ có nghĩa vụ tài chính', en: 'Dossiers with a fee' },
  dossiersPaidOnline: { vi: 'Hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
  feeProcedures: { vi: 'Thủ tục có phí, lệ phí', en: 'Fee-bearing procedures' },
  feeProceduresOnlinePayment: {
    vi: 'Thủ tục có phí cho thanh toán trực tuyến',
    en: 'Fee-bearing procedures payable online',
  },
  feeProceduresWithOnlineTransaction: {
    vi: 'Thủ tục có phí phát sinh thanh toán trực tuyến',
    en: 'Fee-bearing procedures paid online at least once',
  },
  resultsIssued: { vi: 'Kết quả đã trả', en: 'Results issued' },
  resultsElectronic: { vi: 'Kết quả bản điện tử', en: 'Electronic results' },
  dossiersDigitized: { vi: 'Hồ sơ được số hoá', en: 'Dossiers digitized' },
  certifiedCopyOffered: { vi: 'Có cấp bản sao điện tử', en: 'Electronic certified copies offered' },
  dossiersReusingData: { vi: 'Hồ sơ tái sử dụng dữ liệu số hoá', en: 'Dossiers reusing digitized data' },
  resultsSyncedPersonalStore: {
    vi: 'Kết quả đồng bộ vào kho dữ liệu cá nhân',
    en: 'Results synced to the personal data store',
  },
  petitionsDue: { vi: 'Phản ánh, kiến nghị đến hạn', en: 'Petitions due' },
  petitionsOnTime: { vi: 'Phản ánh, kiến nghị xử lý đúng hạn', en: 'Petitions handled on time' },
  petitionsRated: { vi: 'Phản ánh được đánh giá', en: 'Petitions rated' },
  petitionsSatisfied: { vi: 'Đánh giá hài lòng', en: 'Ratings satisfied' },
  dossiersComplainedOrDisliked: {
    vi: 'Hồ sơ bị phản ánh, không hài lòng',
    en: 'Dossiers complained about or disliked',
  },
  dossiersUsingPopulationData: { vi: 'Hồ sơ sử dụng dữ liệu dân cư', en: 'Dossiers using population data' },
  procedures: { vi: 'Thủ tục hành chính của đơn vị', en: "The unit's procedures" },
  proceduresConnectedPopulationData: {
    vi: 'Thủ tục kết nối dữ liệu dân cư',
    en: 'Procedures connected to population data',
  },
  dossiersFullOnlineEligible: {
    vi: 'Hồ sơ thủ tục trực tuyến toàn trình',
    en: 'Dossiers of fully online procedures',
  },
  dossiersFullOnline: { vi: 'Hồ sơ trực tuyến toàn trình', en: 'Dossiers handled fully online' },
  handled: { vi: 'Hồ sơ đã giải quyết', en: 'Dossiers handled' },
  onTime: { vi: 'Hồ sơ giải quyết trước và đúng hạn', en: 'Dossiers handled early or on time' },
  overdue: { vi: 'Hồ sơ quá hạn', en: 'Overdue dossiers' },
  numerator: { vi: 'Tử số', en: 'Numerator' },
  denominator: { vi: 'Mẫu số', en: 'Denominator' },
  totalReceived: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  totalOnTime: { vi: 'Hồ sơ đúng hạn', en: 'Dossiers on time' },
  totalDossierFinancialObligation: { vi: 'Hồ sơ có nghĩa vụ tài chính', en: 'Dossiers with a fee' },
  totalDossierOnlinePaymentSuccess: {
    vi: 'Hồ sơ thanh toán trực tuyến thành công',
    en: 'Dossiers paid online',
  },
  totalDossierOnlineFormalityPaymentSuccess: {
    vi: 'Thủ tục có thanh toán trực tuyến thành công',
    en: 'Procedures paid online at least once',
  },
  totalFeeFormality: { vi: 'Thủ tục có phí, lệ phí', en: 'Fee-bearing procedures' },
};
